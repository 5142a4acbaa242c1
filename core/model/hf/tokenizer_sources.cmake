# Hugging Face tokenizer (tokenizer.json byte-level BPE) and chat formats: torch-free, in gcpo_base.
# PCRE2 runs the pre-tokenizer regexes (Unicode classes), utf8proc the NFC/NFKC normalisers.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GCPO_PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
pkg_check_modules(GCPO_UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
list(APPEND GCPO_BASE_SOURCES model/hf/unicode_text.cpp model/hf/split_regex.cpp model/hf/tokenizer_pipeline.cpp
     model/hf/bpe_model.cpp model/hf/added_vocabulary.cpp model/hf/bpe_tokenizer.cpp model/hf/chat_format.cpp)
list(APPEND GCPO_BASE_LIBS PkgConfig::GCPO_PCRE2 PkgConfig::GCPO_UTF8PROC)
