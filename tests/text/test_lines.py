"""The lines of an article's original text (kg.text.lines)."""

from kg.text.lines import split_lines


def test_split_lines_records_gaps_and_breaks():
    text = "a\r\n\r\n\u3000b\u200b \n\n\n c"
    lines = split_lines(text)
    assert [(l.text, l.gap) for l in lines] == [("a", -1), ("b", 1), ("c", 2)]
    assert text[slice(*lines[1].break_before)] == "\r\n"
    assert text[lines[1].start:lines[1].end] == "b"
