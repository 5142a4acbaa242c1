# Hugging Face tokenizer (tokenizer.json byte-level BPE) and chat formats: torch-free, in gcpo_base.
# PCRE2 runs the pre-tokenizer regexes (Unicode classes), utf8proc the NFC/NFKC normalisers. Found as
# plain libraries (not pkg-config targets): utf8proc's .pc file would add -DUTF8PROC_EXPORTS to every
# target linking gcpo_base, changing every compile line and defeating the shared ccache.
find_library(GCPO_PCRE2_LIBRARY pcre2-8 REQUIRED)
find_library(GCPO_UTF8PROC_LIBRARY utf8proc REQUIRED)
find_path(GCPO_PCRE2_INCLUDE pcre2.h REQUIRED)
find_path(GCPO_UTF8PROC_INCLUDE utf8proc.h REQUIRED)
list(APPEND GCPO_BASE_SOURCES model/hf/unicode_text.cpp model/hf/split_regex.cpp model/hf/tokenizer_pipeline.cpp
     model/hf/bpe_model.cpp model/hf/added_vocabulary.cpp model/hf/bpe_tokenizer.cpp model/hf/chat_format.cpp)
list(APPEND GCPO_BASE_LIBS ${GCPO_PCRE2_LIBRARY} ${GCPO_UTF8PROC_LIBRARY})
