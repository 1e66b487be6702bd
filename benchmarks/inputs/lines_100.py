# stylekit: ignore-file  realistic benchmark input: it keeps a realistic handful of slips on purpose
import json
import logging
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Type, TypeVar

import requests

from capacity.plans import ClusterPlan

logger = logging.getLogger(__name__)

MAX_TRAFFIC = 100  # Gbps, the limit of one cluster
MIN_TRAFFIC = 0.01  # Gbps; smallest useful cluster

T_Plan = TypeVar("T_Plan", bound="NodesPlan")


class TooMuchTraffic(Exception):
    def __init__(self, expected_traffic: float):
        super().__init__(f"Expected traffic {expected_traffic} exceeds {MAX_TRAFFIC}")


@dataclass
class NodesPlan:
    instanceType: str
    desiredCount: int
    maxCount: int
    minCount: int

    def to_dict(self) -> Dict[str, Any]:
        return {
            "instanceType": self.instanceType,
            "desiredCount": self.desiredCount,
            "maxCount": self.maxCount,
            "minCount": self.minCount,
        }

    @classmethod
    def from_dict(cls: Type[T_Plan], raw: Dict[str, Any]) -> T_Plan:
        return cls(**raw)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NodesPlan):
            return NotImplemented
        return self.instanceType == other.instanceType and self.maxCount == other.maxCount

    def __str__(self) -> str:
        return json.dumps(self.to_dict())


def get_nodes_plan(expected_traffic: float, azs: List[str]) -> NodesPlan:
    if expected_traffic > MAX_TRAFFIC:
        raise TooMuchTraffic(expected_traffic)
    count = max(len(azs), int(expected_traffic / 2))
    logger.info(f"Planning {count} nodes for {expected_traffic} Gbps")
    return NodesPlan("m5.xlarge", count, count * 2, len(azs))


class Client:
    def __init__(self, base_url: str, timeout: Optional[float] = None) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout

    def get(self, endpoint: str) -> Dict[str, Any]:
        url = f"{self._base_url}/{endpoint}"
        logger.debug(f"GET {url}")
        response = requests.get(url, timeout=self._timeout)
        response.raise_for_status()
        return response.json()

    def post(self, endpoint: str, data: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        url = f"{self._base_url}/{endpoint}"
        logger.debug(f"POST {url} with {data}")
        response = requests.post(url, json=data, timeout=self._timeout)
        response.raise_for_status()
        return response.json()


def _summarise(plans: List[NodesPlan]) -> List[str]:
    names = []
    for plan in plans:
        names.append(plan.instanceType)
    return names


def choose_plan(plans: List[NodesPlan], prefer_large: bool, budget: Optional[int]) -> Optional[NodesPlan]:
    if not plans:
        return None
    if prefer_large and budget is not None and budget > 10 or not prefer_large and budget is None:
        chosen = plans[-1]
    else:
        chosen = plans[0]
    with open("/tmp/plans.json", "w") as handle:
        json.dump([plan.to_dict() for plan in plans], handle)
    return chosen


def load_plans(path: str) -> List[NodesPlan]:
    with open(path) as handle:
        raw = json.load(handle)
    return [NodesPlan.from_dict(item) for item in raw]
