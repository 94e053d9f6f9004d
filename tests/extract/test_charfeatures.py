"""Character features shared by training and tagging (``kg.extract.charfeatures``)."""

from __future__ import annotations

from kg.extract.charfeatures import char_features, fold_text


def test_one_feature_list_per_character():
    text = "王刚在《吕梁日报》和太原理工大学工作，2023年。"
    assert len(char_features(text)) == len(text)
    assert char_features("") == []


def test_traditional_characters_kept_by_normalisation_look_simplified_to_the_model():
    assert char_features("代表大会於9月召开，今後五年的新徵程") == char_features("代表大会于9月召开，今后五年的新征程")


def test_dictionary_tags_of_the_word_and_its_neighbours():
    feats = char_features("王刚在太原工作")
    assert {"pt=ns", "pt-1=p", "pt+1=vn", "ptt=p|ns|vn"} <= set(feats[3])


def test_titles_of_works_are_flagged():
    feats = char_features("读《太原》后")
    assert ["inbook" in f for f in feats] == [False, True, True, True, False, False]


def test_fold_text_keeps_the_length():
    raw = "１９９８年臺灣，ＡＢＣ"
    assert len(fold_text(raw)) == len(raw)
