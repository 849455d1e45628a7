"""gunicorn configuration for production: ``gunicorn`` (or ``gunicorn -c gunicorn.conf.py``).

gunicorn reads this file from the working directory by default. Every value can be changed
through the environment, so one image serves every size of machine; see docs/deployment.md.
The Django settings come from ``munich_portal.wsgi``, which defaults to the production settings.
"""

import multiprocessing
import os
import sys


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _log_target(name: str, default: str) -> str | None:
    # "-" is stdout (container logs); "off" or an empty value switches the log off (benchmarks).
    value = os.environ.get(name, default).strip()
    return None if value in {"", "off", "none"} else value


wsgi_app = "munich_portal.wsgi:application"

# Behind a load balancer or reverse proxy on the same host the default is right; in a container
# or when the balancer connects over the network, set GUNICORN_BIND=0.0.0.0:8000.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# The usual rule of thumb for CPU-bound Python: two workers per core plus one.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# Threads let a worker keep idle keep-alive connections from the balancer open and wait on the
# database for one request while serving another. Each thread may hold one pooled database
# connection, so DATABASE_POOL_MAX_SIZE should be at least GUNICORN_THREADS.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
# How often (seconds) a running thread hands the interpreter lock to another. Python's 5 ms
# default lets a thread whose database answer has arrived wait up to 5 ms per query behind a
# thread that is rendering; a logged-in page makes several round trips (the session, the page's
# reads), so under load the waits, not the work, set the pace. 0.5 ms measured twice the
# throughput for a logged-in page (issue 17, round 2; docs/performance.md).
_switch_interval = float(os.environ.get("GUNICORN_SWITCH_INTERVAL", "").strip() or 0.0005)


def post_fork(server, worker):
    """In each worker: the interpreter lock's switch interval (``GUNICORN_SWITCH_INTERVAL``)."""
    sys.setswitchinterval(_switch_interval)


# A request taking longer than this is stuck: its worker is killed and replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM or a deploy's SIGHUP, running requests get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Longer than the balancer's idle timeout is wrong (the balancer would reuse a closed
# connection); shorter wastes handshakes. Most balancers idle out after 60 s; 5 s is safe.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycling workers now and then bounds the effect of a slow memory leak; jitter keeps the
# workers from restarting all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)

# The TLS-terminating proxy's address; gunicorn trusts its X-Forwarded-* headers only from there.
# (Django itself trusts X-Forwarded-Proto only with DJANGO_BEHIND_TLS_PROXY=true.)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr for the service manager or container runtime to collect.
accesslog = _log_target("GUNICORN_ACCESS_LOG", "-")
errorlog = _log_target("GUNICORN_ERROR_LOG", "-") or "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Client address, request, status, bytes, duration in microseconds, referrer, user agent. The
# logger class redacts personal data from the request line and the referrer (issue 14, part 3):
# query strings keep their keys without values, signed links' tokens and e-mail addresses become
# [token] and [email] (munich_portal/core/gunicorn_logging.py).
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s"'
logger_class = "munich_portal.core.gunicorn_logging.PrivacyLogger"
proc_name = "munich_portal"
