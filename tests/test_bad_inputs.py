"""Bad input gives one clear line naming the file and the cause, as a package exception.

Every bad file is made here: a text file renamed .pdf, an empty file, a truncated copy of a real
fixture, PDFs encrypted by fpdf2, an image-only PDF (a "scan") and a valid PDF of unrelated prose.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analyser import errors
from analyser.extract import extract_code
from analyser.pdfcheck import check_pdf


def assert_one_clear_line(err: errors.AnalyserError, path: Path, *words: str) -> None:
    message = str(err)
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ")
    assert "Traceback" not in message
    for word in words:
        assert word in message.lower(), message


def test_text_file_renamed_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("These are meeting notes, not a PDF.\n" * 20)
    with pytest.raises(errors.NotAPDFError) as info:
        extract_code(path)
    assert_one_clear_line(info.value, path, "not a pdf")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(errors.EmptyFileError) as info:
        extract_code(path)
    assert_one_clear_line(info.value, path, "empty")


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.pdf"
    with pytest.raises(errors.AnalyserError) as info:
        extract_code(path)
    assert_one_clear_line(info.value, path, "not found")


@pytest.mark.parametrize("fraction", [0.5, 0.9])
def test_truncated_copy_of_a_fixture(tmp_path, sample_icu_pdf, fraction):
    data = sample_icu_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(errors.TruncatedPDFError) as info:
        extract_code(path)
    assert_one_clear_line(info.value, path, "truncated")


def test_damaged_body_with_end_marker(tmp_path, sample_icu_pdf):
    """Bytes cut from the middle but the end marker kept: damaged, still one clear line."""
    data = sample_icu_pdf.read_bytes()
    path = tmp_path / "holed.pdf"
    path.write_bytes(data[:2000] + data[-1500:])
    with pytest.raises(errors.AnalyserError) as info:
        extract_code(path)
    assert isinstance(info.value, (errors.TruncatedPDFError, errors.NoTextLayerError, errors.UnknownLayoutError))
    assert_one_clear_line(info.value, path)


def _fpdf_with_text(path: Path, lines: list[str], user_password: str | None = None, owner_password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if owner_password or user_password:
        pdf.set_encryption(owner_password=owner_password or "owner", user_password=user_password or "")
    pdf.output(str(path))
    return path


def test_encrypted_with_a_password(tmp_path):
    path = _fpdf_with_text(tmp_path / "locked.pdf", ["ICU A1 Something"], user_password="secret", owner_password="boss")
    with pytest.raises(errors.EncryptedPDFError) as info:
        extract_code(path)
    assert_one_clear_line(info.value, path, "encrypted", "password")


def test_encrypted_without_user_password_still_opens(tmp_path):
    """Permission-only encryption (common in published PDFs) is not an error."""
    path = _fpdf_with_text(tmp_path / "perms.pdf", ["Some text"], owner_password="boss")
    assert check_pdf(path) == 1


def test_too_large(tmp_path, sample_icu_pdf):
    with pytest.raises(errors.FileTooLargeError) as info:
        check_pdf(sample_icu_pdf, max_bytes=10_000)
    assert_one_clear_line(info.value, sample_icu_pdf, "too large", "limit")


def test_image_only_pdf_has_no_text_layer(tmp_path):
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(img)
    for i in range(30):
        draw.text((100, 100 + 40 * i), f"ICU C{i} Scanned measure text line {i}", fill="black")
    png = tmp_path / "scan.png"
    img.save(png)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.drawImage(str(png), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    with pytest.raises(errors.NoTextLayerError) as info:
        extract_code(path)
    assert_one_clear_line(info.value, path, "no text layer", "scanned")


def test_unrelated_prose_is_an_unknown_layout(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph("A Short History of the Canal Network", styles["Title"])]
    for i in range(25):
        story.append(
            Paragraph(
                f"Chapter {i} of this account describes how the canals were dug by hand, how the locks "
                "were built from local stone, and how the trade in coal moved to the railways.",
                styles["BodyText"],
            )
        )
    path = tmp_path / "canals.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    with pytest.raises(errors.UnknownLayoutError) as info:
        extract_code(path)
    assert_one_clear_line(info.value, path, "no known code layout")


def test_forced_profile_that_finds_nothing_is_an_unknown_layout(tmp_path, sample_icu_pdf):
    path = tmp_path / "icu.pdf"
    shutil.copy(sample_icu_pdf, path)
    with pytest.raises(errors.UnknownLayoutError) as info:
        extract_code(path, profile="eu-gpai")
    assert_one_clear_line(info.value, path, "eu-gpai")


def test_unknown_profile_name(sample_icu_pdf):
    with pytest.raises(errors.ProfileError) as info:
        extract_code(sample_icu_pdf, profile="no-such-code")
    assert "no such profile" in str(info.value)
