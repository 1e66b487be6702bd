"""The flake8 plugin, through the real flake8 command."""
import subprocess
import sys
from pathlib import Path

FLAKE8 = str(Path(sys.executable).parent / "flake8")


def test_WHEN_flake8_runs_with_kit_selected_THEN_kit_findings_reported(project: Path) -> None:
    (project / "geometry.py").write_text("def area(width, height):\n    return width * height\n")

    result = subprocess.run([FLAKE8, "--select", "SK", "geometry.py"], cwd=project, capture_output=True, text=True,
                            timeout=120)

    expected = (1, "geometry.py:1:1: SK0201 'area' needs annotations on width, height and a return type")
    actual = (result.returncode, result.stdout.strip())
    assert expected == actual


def test_WHEN_flake8_runs_on_clean_file_THEN_nothing_reported(project: Path) -> None:
    (project / "geometry.py").write_text("def area(width: float, height: float) -> float:\n    return width * height\n")

    result = subprocess.run([FLAKE8, "--select", "SK", "geometry.py"], cwd=project, capture_output=True, text=True,
                            timeout=120)

    expected = (0, "")
    actual = (result.returncode, result.stdout)
    assert expected == actual
