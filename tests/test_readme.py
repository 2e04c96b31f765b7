"""The README's Python examples run as printed, and its command lines name real options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ifsod.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = README.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, flags=re.S)
#: ``ifsod <command> ... --option`` lines of the shell blocks, continuations joined.
COMMANDS = [line for block in re.findall(r"```sh\n(.*?)```", TEXT, flags=re.S)
            for line in block.replace("\\\n", " ").splitlines()
            if line.startswith("ifsod ") and not line.startswith("ifsod --")]


def test_the_readme_has_examples():
    assert len(BLOCKS) >= 3 and len(COMMANDS) >= 3


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_python_block_runs(block):
    exec(compile(block, str(README), "exec"), {})  # its asserts are the claims it shows


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command_options_exist(line, capsys):
    command = line.split()[1]
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    usage = capsys.readouterr().out
    for option in re.findall(r"(--[a-z-]+)", line.split("#")[0]):
        assert option in usage, (command, option)
