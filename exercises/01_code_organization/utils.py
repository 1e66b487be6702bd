"""Kestrel Couriers' dispatch back end grew up in this one module: fares, riders, maps, proof-of-delivery photos
and formatting helpers side by side. §1's exercises split it into domain packages. The kit reads it and never
imports it: boto3 and the maps provider's client are not installed here.
"""
import math
from dataclasses import dataclass
from typing import Dict, List, Tuple

import boto3
import requests

# Cents in a euro; money is kept in whole cents so that sums never drift.
CENTS_PER_EURO = 100
# Kilometres; the mean radius of the Earth, for great-circle distances.
EARTH_RADIUS_KM = 6371.0
# Cents; every job's price before distance, agreed with the riders' co-op in 2023.
BASE_FARE_CENTS = 450
# Cents per kilometre of great-circle distance; roads add about a third, which the rate already includes.
CENTS_PER_KM = 120
# Cents; few riders own a cargo bike, and it carries what two ordinary bikes would.
CARGO_BIKE_SURCHARGE_CENTS = 300
# Jobs one rider carries at once; with a fourth, the first parcel waits too long.
MAX_JOBS_PER_RIDER = 3
# The maps provider's API (geocoding and cycling routes); unreachable from the kit.
MAPS_URL = "https://maps.example.com/v1"
# Seconds; the maps provider answers within two, a slow answer means it is down.
MAPS_TIMEOUT_S = 10
# The S3 bucket holding the photo a rider takes at the door.
PHOTO_BUCKET = "kestrel-proof-of-delivery"


@dataclass
class Rider:
    rider_id: str
    position: Tuple[float, float]
    jobs: int


def euros(cents: int) -> str:
    return f"€{cents / CENTS_PER_EURO:.2f}"


def km_between(start: Tuple[float, float], end: Tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*start, *end))
    # Haversine: accurate to a few metres across a city, with no map data.
    half_chord = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))


def geocode(address: str) -> Tuple[float, float]:
    response = requests.get(f"{MAPS_URL}/geocode", params={"q": address}, timeout=MAPS_TIMEOUT_S)
    response.raise_for_status()
    found = response.json()
    return found["lat"], found["lon"]


def cycling_minutes(start: Tuple[float, float], end: Tuple[float, float]) -> float:
    route = {"from": f"{start[0]},{start[1]}", "to": f"{end[0]},{end[1]}", "mode": "bicycle"}
    response = requests.get(f"{MAPS_URL}/route", params=route, timeout=MAPS_TIMEOUT_S)
    response.raise_for_status()
    return float(response.json()["minutes"])


def upload_proof_photo(job_id: str, photo: bytes) -> str:
    key = f"proof/{job_id}.jpg"
    boto3.client("s3").put_object(Bucket=PHOTO_BUCKET, Key=key, Body=photo)
    return key


def quote_fare(distance_km: float, cargo_bike: bool) -> int:
    surcharge = CARGO_BIKE_SURCHARGE_CENTS if cargo_bike else 0
    return BASE_FARE_CENTS + round(distance_km * CENTS_PER_KM) + surcharge


def fare_summary(pickup: str, dropoff: str, cargo_bike: bool) -> str:
    distance_km = km_between(geocode(pickup), geocode(dropoff))
    return f"{pickup} to {dropoff}: {distance_km:.1f} km, {euros(quote_fare(distance_km, cargo_bike))}"


def nearest_free_rider(pickup: Tuple[float, float], riders: List[Rider]) -> Rider:
    free = [rider for rider in riders if rider.jobs < MAX_JOBS_PER_RIDER]
    return min(free, key=lambda rider: km_between(rider.position, pickup))


def job_offer(rider: Rider, pickup: Tuple[float, float], distance_km: float, cargo_bike: bool) -> str:
    minutes = cycling_minutes(rider.position, pickup)
    return f"{rider.rider_id}: pickup in {minutes:.0f} min, pays {euros(quote_fare(distance_km, cargo_bike))}"


def rider_workloads(riders: List[Rider]) -> Dict[str, int]:
    return {rider.rider_id: rider.jobs for rider in riders}


def record_delivery(job_id: str, photo: bytes, fare_cents: int) -> Dict[str, str]:
    return {"job_id": job_id, "photo_key": upload_proof_photo(job_id, photo), "fare": euros(fare_cents)}


def delivery_receipt(job_id: str, rider_id: str, fare_cents: int) -> str:
    return f"Job {job_id}, delivered by {rider_id}: {euros(fare_cents)} paid"
