"""ifsod.SpikeTrain <-> neo.SpikeTrain: exact and float round trips, units, annotations."""

from __future__ import annotations

from fractions import Fraction as F

import neo
import numpy as np
import pytest
import quantities as pq

from ifsod import Signal, SpikeTrain, if_events
from ifsod.interop.neo import from_neo, to_neo


def test_float_round_trip_keeps_times_weights_range_and_theta():
    eta = SpikeTrain([0.1, 0.7, 1.3, 1.9999], [0.3, -0.6, 0.9, 3.0], (-0.5, 2.0), theta=0.3)
    st = to_neo(eta)
    assert st.units == pq.s and st.t_start == -0.5 * pq.s and st.t_stop == 2.0 * pq.s
    np.testing.assert_array_equal(st.magnitude, [0.1, 0.7, 1.3, 1.9999])
    np.testing.assert_array_equal(st.array_annotations["weights"], [0.3, -0.6, 0.9, 3.0])
    assert st.annotations["theta"] == 0.3
    back = from_neo(st)
    assert back == eta and not back.exact


def test_exact_round_trip_is_exact():
    eta = SpikeTrain([F(1, 3), F(2, 3), F(7, 5)], [F(1, 10), F(-3, 10), F(1, 5)],
                     (F(0), F(10, 3)), theta=F(1, 10))
    st = to_neo(eta)
    assert st.t_stop.magnitude == float(F(10, 3))  # neo holds the nearest float64
    back = from_neo(st)
    assert back.exact and back == eta
    assert back.times == (F(1, 3), F(2, 3), F(7, 5)) and back.theta == F(1, 10)
    assert back.t_range == (F(0), F(10, 3))


def test_exact_trains_from_if_events_convert_when_their_times_are_rational():
    f = Signal.piecewise([0, 2, 4], [[F(3, 4)], [F(-1, 2)]])
    eta = if_events(f, F(1, 2))
    assert eta.count > 0 and all(isinstance(t, F) for t in eta.times)
    assert from_neo(to_neo(eta)) == eta


def test_algebraic_times_are_refused_not_rounded():
    ramp = Signal.piecewise([0, 3], [[F(0), F(1)]])  # F(t) = t^2 / 2 crosses 1 at sqrt(2)
    eta = if_events(ramp, F(1))
    assert eta.count >= 1 and not isinstance(eta.times[0], F)
    with pytest.raises(ValueError, match="exact algebraic event times"):
        to_neo(eta)


def test_units_are_converted_both_ways():
    eta = SpikeTrain([0.25, 0.5], [1.0, 1.0], (0.0, 1.0))
    st = to_neo(eta, units="ms")
    assert st.units == pq.ms and st.t_stop == 1.0 * pq.ms  # times are read in ms
    recorded = neo.SpikeTrain([10.0, 250.0, 250.0], t_start=0.0, t_stop=1000.0, units="ms")
    back = from_neo(recorded, weight=2.0)
    assert back.times == (0.01, 0.25) and back.weights == (2.0, 4.0)  # coincident events add
    assert back.t_range == (0.0, 1.0) and back.theta is None
    assert from_neo(recorded, units="ms").times == (10.0, 250.0)


def test_edited_neo_trains_do_not_mix_exact_and_float_values():
    st = to_neo(SpikeTrain([F(1, 3)], [F(1)], (F(0), F(1))))
    moved = neo.SpikeTrain([0.5], t_stop=1.0, units="s",
                           array_annotations=dict(st.array_annotations),
                           **st.annotations)
    with pytest.raises(ValueError, match="exact_times annotation does not match"):
        from_neo(moved)


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="train must be an ifsod.SpikeTrain"):
        to_neo([0.5])
    with pytest.raises(TypeError, match="spiketrain must be a neo.SpikeTrain"):
        from_neo(SpikeTrain([0.5], [1.0], (0.0, 1.0)))


def test_spiketrain_methods_delegate_to_the_interop_module():
    eta = SpikeTrain([F(1, 3), F(1, 2)], [F(1), F(-2)], (F(0), F(1)), theta=F(1))
    st = eta.to_neo(units="ms")
    assert st.units == pq.ms and SpikeTrain.from_neo(st, units="ms") == eta
    recorded = neo.SpikeTrain([1.0, 2.0], t_stop=3.0, units="s")
    assert SpikeTrain.from_neo(recorded, weight=0.5) == from_neo(recorded, weight=0.5)
