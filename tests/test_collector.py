"""The cyclic garbage collector paused in a block, and left as it was after it."""

from __future__ import annotations

import gc

import pytest

from build_tools.collector import collector_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_in_the_block_and_as_it_was_after(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(KeyError), collector_paused():
            assert not gc.isenabled()
            raise KeyError("a failure in the block")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
