"""Targeted cases for SK1002 public-async (§10 Async & Concurrency),
beyond its documentation's examples."""
from tests.rules.checking import flagged_rules


def test_WHEN_event_loop_driven_by_hand_THEN_public_async_flagged():
    source = """
        import asyncio

        def refresh():
            asyncio.get_event_loop().run_until_complete(_refresh())

        def refresh_all():
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(_refresh())
            finally:
                loop.close()
    """

    actual = flagged_rules("SK1002", source)

    assert ["SK1002", "SK1002"] == actual


def test_WHEN_sync_wrapper_runs_public_async_function_THEN_public_async_flagged():
    source = """
        import asyncio

        async def fetch_prices(skus):
            return [await lookup(sku) for sku in skus]

        def prices(skus):
            return asyncio.run(fetch_prices(skus))
    """

    actual = flagged_rules("SK1002", source)

    assert ["SK1002"] == actual


def test_WHEN_sync_wrapper_runs_private_async_function_THEN_public_async_accepts_it():
    source = """
        import asyncio

        async def _fetch_prices(skus):
            return [await lookup(sku) for sku in skus]

        def prices(skus):
            return asyncio.run(_fetch_prices(skus))

        async def handle_request(request):
            return await _fetch_prices(request.skus)
    """

    actual = flagged_rules("SK1002", source)

    assert [] == actual


def test_WHEN_loop_reused_or_async_exported_or_script_entry_THEN_public_async_accepts_it():
    source = """
        import asyncio

        __all__ = ["fetch_prices", "prices"]

        async def fetch_prices(skus):
            return skus

        def prices(skus):
            return asyncio.run(fetch_prices(skus))

        def warm_caches():
            loop = asyncio.new_event_loop()
            loop.run_until_complete(_warm("a"))
            loop.run_until_complete(_warm("b"))
            loop.close()

        async def main():
            await fetch_prices([])

        if __name__ == "__main__":
            asyncio.run(main())
    """

    actual = flagged_rules("SK1002", source)

    assert [] == actual


def test_WHEN_test_runs_public_async_helper_THEN_public_async_accepts_it():
    source = """
        import asyncio

        async def fetch_twice(client):
            return [await client.get(), await client.get()]

        def test_WHEN_fetched_twice_THEN_two_answers():
            assert 2 == len(asyncio.run(fetch_twice(FakeClient())))
    """

    actual = flagged_rules("SK1002", source, path="tests/test_fetch.py")

    assert [] == actual
