"""Failed logins per address, on an injected clock."""

from __future__ import annotations

from samtui.host import gate as gate_module
from samtui.host.gate import Gate


class Seconds:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_tenth_failure_shuts_the_address_out_for_a_minute() -> None:
    clock = Seconds()
    gate = Gate(clock=clock)
    assert [gate.failed("10.0.0.5") for _ in range(9)] == [False] * 9
    assert gate.locked("10.0.0.5") is None
    assert gate.failed("10.0.0.5") is True
    assert gate.locked("10.0.0.5") == 60.0
    assert gate.locked("10.0.0.6") is None  # one address, not everyone
    clock.now = 59.5
    assert gate.locked("10.0.0.5") == 0.5
    clock.now = 60.0
    assert gate.locked("10.0.0.5") is None
    assert gate.failures("10.0.0.5") == 0  # a fresh start after the minute


def test_old_failures_are_forgiven() -> None:
    clock = Seconds()
    gate = Gate(clock=clock)
    for _ in range(9):
        gate.failed("10.0.0.5")
    clock.now = 600.0  # ten minutes later
    assert gate.failures("10.0.0.5") == 0
    assert gate.failed("10.0.0.5") is False
    assert gate.failures("10.0.0.5") == 1


def test_memory_is_bounded_whatever_the_number_of_addresses(monkeypatch: object) -> None:
    gate = Gate(clock=Seconds())
    for number in range(gate_module.MAX_ADDRESSES + 500):
        gate.failed(f"10.{number // 65536}.{number // 256 % 256}.{number % 256}")
    assert len(gate._failures) == gate_module.MAX_ADDRESSES
