# stylekit: ignore-file  realistic benchmark input: it keeps a realistic handful of slips on purpose
import logging
from typing import Optional

logger = logging.getLogger(__name__)

ADC_MAX = 4095  # 12-bit converter on the sensor board
KELVIN_OFFSET = 273.15


def raw_to_celsius(raw: int, vref: float = 3.3) -> float:
    volts = raw / ADC_MAX * vref
    celsius = (volts - 0.5) * 100
    logger.debug(f"Sensor read {raw} -> {celsius:.2f} C")
    return celsius


def to_kelvin(celsius: Optional[float]) -> Optional[float]:
    if celsius is None:
        return None
    return celsius + KELVIN_OFFSET
