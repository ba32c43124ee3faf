"""Site settings: derived from the units of the corpus, overridden by `solieu.yaml`."""

from __future__ import annotations

import pytest

from solieu.errors import InputError
from solieu.paths import Paths
from solieu.settings import load

SEEDS = ["tinh-lang-son", "thanh-pho-lang-son", "phuong-tam-thanh", "phuong-tam-thanh"]


@pytest.fixture
def project(tmp_path) -> Paths:
    return Paths(tmp_path)


def test_one_province_names_the_site_after_it(project):
    s = load(project, SEEDS)
    assert s.name == "Số liệu Lạng Sơn"
    assert s.home_text.startswith(
        "Số liệu kinh tế – xã hội trích từ báo cáo công khai của Ủy ban nhân dân tỉnh Lạng Sơn, "
        "thành phố Lạng Sơn và phường Tam Thanh."
    )
    assert "phường Tam Thanh; mỗi con số dẫn về câu văn gốc" in s.description
    assert s.url is None


def test_a_former_unit_counts_in_its_province(project):
    assert load(project, ["tinh-phu-tho-cu", "xa-thanh-son-phu-tho"]).name == "Số liệu Phú Thọ"


def test_several_provinces_get_the_generic_name_and_places(project):
    s = load(project, ["xa-soc-son", "phuong-tan-hung-hai-phong", "huyen-chu-se"])
    assert s.name == "Số liệu địa phương"
    assert "phường Tân Hưng (Hải Phòng)" in s.home_text and "xã Sóc Sơn (Hà Nội)" in s.home_text


def test_many_issuers_are_counted(project):
    ids = ["thanh-pho-ha-noi", "xa-soc-son", "huyen-soc-son", "quan-hoan-kiem", "xa-hoa-phu-ha-noi"]
    s = load(project, ids)
    assert "chính quyền 5 đơn vị hành chính thuộc thành phố Hà Nội" in s.home_text


def test_empty_or_unknown_corpus(project):
    s = load(project, ["a-label-not-a-unit"])
    assert s.name == "Số liệu địa phương" and "chính quyền địa phương" in s.description


def test_solieu_yaml_overrides(project):
    (project.root / "solieu.yaml").write_text(
        "site:\n  name: Số liệu xứ Lạng\n  url: https://example.org/so-lieu/\n", encoding="utf-8"
    )
    s = load(project, SEEDS)
    assert (s.name, s.url) == ("Số liệu xứ Lạng", "https://example.org/so-lieu/")
    assert "tỉnh Lạng Sơn" in s.home_text  # not set: still derived


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("site:\n  nam: X\n", "nam: Extra inputs are not permitted"),
        ("site: [1, 2]\n", "bad site settings"),
        ("other: 1\n", "one section"),
        ("site: {name: [\n", "not valid YAML"),
    ],
)
def test_bad_solieu_yaml_is_an_input_error(project, text, needle):
    (project.root / "solieu.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load(project, SEEDS)
    assert needle in str(exc.value)


def test_data_files_read_by_libyaml_as_by_the_pure_python_loader():
    """`paths.load_data` reads with libyaml when PyYAML has it: the same objects."""
    import yaml

    from solieu.paths import DATA_DIR, load_data

    files = sorted(DATA_DIR.rglob("*.yaml"))
    assert files
    for f in files:
        assert load_data(f) == yaml.safe_load(f.read_text(encoding="utf-8")), f
