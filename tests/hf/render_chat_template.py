"""Renders a model's chat_template with jinja2 as transformers' apply_chat_template does (sandboxed,
trim_blocks, lstrip_blocks, add_generation_prompt), as the reference for the chat-format tests.
  python3 render_chat_template.py TOKENIZER_CONFIG_JSON < messages.jsonl > texts.jsonl
Each input line is {"messages": [{"role": ..., "content": ...}, ...]}; each output line {"text": ...}."""
import json
import sys

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        config = json.load(f)
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.globals["raise_exception"] = raise_exception
    template = env.from_string(config["chat_template"])

    def token(key):
        value = config.get(key)
        return value.get("content") if isinstance(value, dict) else value

    for line in sys.stdin:
        if not line.strip():
            continue
        messages = json.loads(line)["messages"]
        text = template.render(messages=messages, add_generation_prompt=True, bos_token=token("bos_token") or "",
                               eos_token=token("eos_token") or "", tools=None)
        print(json.dumps({"text": text}, ensure_ascii=False))


main()
