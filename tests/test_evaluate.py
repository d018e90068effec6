"""`archive evaluate`: field scores and pairwise grouping scores against an annotation."""

from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.evaluate import pair_score
from tests.conftest import REPO, SEEDS


def test_pair_scores_count_pairs_put_together():
    expected = {"a": "x", "b": "x", "c": "x", "d": "y"}
    perfect = pair_score({"a": 1, "b": 1, "c": 1, "d": 2}, expected)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    split = pair_score({"a": 1, "b": 1, "c": 2, "d": 3}, expected)
    assert (split.found, split.expected, split.agreed) == (1, 3, 1)
    assert round(split.f1, 2) == 0.5
    lumped = pair_score({"a": 1, "b": 1, "c": 1, "d": 1}, expected)
    assert (lumped.precision, lumped.recall) == (0.5, 1.0)


def test_evaluate_scores_the_seed_annotation_with_its_grouping():
    result = CliRunner().invoke(cli, ["evaluate", "--root", str(REPO), str(SEEDS / "gold.yaml")])
    assert result.exit_code == 0, result.output
    assert "grouping: pairwise precision 1.00, recall 1.00, F1 1.00 (3 of 3 pairs found, 3 expected)" in result.output
