import time

from django.core.management.base import BaseCommand

from services.generator import delete_generated, generate_services


class Command(BaseCommand):
    help = (
        "Create many realistic-looking published services for benchmarks (slugs start with "
        "'gen-'); replaces earlier generated ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="How many (default 10000).")
        parser.add_argument(
            "--seed", type=int, default=7, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--delete", action="store_true", help="Only delete the generated services."
        )

    def handle(self, *args, count, seed, delete, **options):
        started = time.perf_counter()
        if delete:
            deleted = delete_generated()
            self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} generated rows."))
            return
        made = generate_services(count=count, seed=seed)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated {made} services in {seconds:.1f} s."))
