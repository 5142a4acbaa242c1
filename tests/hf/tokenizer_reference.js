// Reference token ids from the JS tokenizer of the npm package @lenml/tokenizers (a port of
// transformers.js), for the tokenizer tests: the same JSON-lines protocol as `gcpo-train tokenize`.
//   node tokenizer_reference.js NODE_MODULES_DIR MODEL_DIR [--decode] < in.jsonl > out.jsonl
// encode: {"text": "..."} -> {"ids": [...]}   (add_special_tokens false; {"text":..., "special": true} adds them)
// decode: {"ids": [...]}  -> {"text": "..."}
"use strict";
const fs = require("fs");
const path = require("path");

const [modulesDir, modelDir, mode] = process.argv.slice(2);
if (!modulesDir || !modelDir) {
  console.error("usage: node tokenizer_reference.js NODE_MODULES_DIR MODEL_DIR [--decode]");
  process.exit(2);
}
const { TokenizerLoader } = require(path.join(modulesDir, "@lenml", "tokenizers"));
const readJson = (f) => JSON.parse(fs.readFileSync(path.join(modelDir, f), "utf8"));
const tokenizer = TokenizerLoader.fromPreTrained({
  tokenizerJSON: readJson("tokenizer.json"),
  tokenizerConfig: fs.existsSync(path.join(modelDir, "tokenizer_config.json")) ? readJson("tokenizer_config.json") : {},
});

const lines = fs.readFileSync(0, "utf8").split("\n");
const out = [];
for (const line of lines) {
  if (line.trim() === "") continue;
  const j = JSON.parse(line);
  if (mode === "--decode") {
    // (decode() refuses an empty list; the text of no tokens is "")
    out.push(JSON.stringify({ text: j.ids.length ? tokenizer.decode(j.ids, { skip_special_tokens: false }) : "" }));
  } else {
    out.push(JSON.stringify({ ids: tokenizer.encode(j.text, { add_special_tokens: j.special === true }) }));
  }
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
