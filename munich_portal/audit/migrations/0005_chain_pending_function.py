"""The database function that chains the queue of data-use events (``chain.chain_pending``).

Its body is ``munich_portal.audit.chain.chain_function_body()`` as it was when this migration was
written; ``tests/audit/test_chain_queue.py`` keeps the installed function equal to it: a change of
the canonical form needs a new migration that replaces the function.
"""

from django.db import migrations

BODY = r"""
DECLARE
    head_seq bigint;
    head_hash text;
    taken audit_pendinguse[];
    queued audit_pendinguse;
    canonical text;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(7022629598041172065);
    PERFORM pg_catalog.set_config('synchronous_commit', 'off', true);
    WITH removed AS (DELETE FROM audit_pendinguse RETURNING audit_pendinguse AS queued_row)
        SELECT pg_catalog.array_agg(queued_row ORDER BY (queued_row).id) INTO taken
        FROM removed;
    IF taken IS NULL THEN
        RETURN 0;
    END IF;
    SELECT seq, hash INTO head_seq, head_hash FROM audit_datauseevent ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        head_seq := 0;
        head_hash := '0000000000000000000000000000000000000000000000000000000000000000';
    END IF;
    FOREACH queued IN ARRAY taken LOOP
        head_seq := head_seq + 1;
        SELECT '{"action":"' OPERATOR(pg_catalog.||) (action) OPERATOR(pg_catalog.||) '","actor_department":"' OPERATOR(pg_catalog.||) (actor_department) OPERATOR(pg_catalog.||) '","actor_pseudonym":"' OPERATOR(pg_catalog.||) (actor_pseudonym) OPERATOR(pg_catalog.||) '","actor_role":"' OPERATOR(pg_catalog.||) (actor_role) OPERATOR(pg_catalog.||) '","batch":' OPERATOR(pg_catalog.||) (CASE WHEN batch IS NULL THEN 'null' ELSE batch::text END) OPERATOR(pg_catalog.||) ',"case_number":"' OPERATOR(pg_catalog.||) (case_number) OPERATOR(pg_catalog.||) '","channel":"' OPERATOR(pg_catalog.||) (channel) OPERATOR(pg_catalog.||) '","details":' OPERATOR(pg_catalog.||) (CASE WHEN details = '{}' THEN '"{}"' ELSE pg_catalog.to_json(details)::text END) OPERATOR(pg_catalog.||) ',"legal_basis":"' OPERATOR(pg_catalog.||) (legal_basis) OPERATOR(pg_catalog.||) '","occurred_at":"' OPERATOR(pg_catalog.||) (pg_catalog.to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) OPERATOR(pg_catalog.||) '","prev_hash":"' OPERATOR(pg_catalog.||) (prev_hash) OPERATOR(pg_catalog.||) '","purpose":"' OPERATOR(pg_catalog.||) (purpose) OPERATOR(pg_catalog.||) '","record_id":"' OPERATOR(pg_catalog.||) (record_id) OPERATOR(pg_catalog.||) '","record_type":"' OPERATOR(pg_catalog.||) (record_type) OPERATOR(pg_catalog.||) '","request_id":"' OPERATOR(pg_catalog.||) (request_id) OPERATOR(pg_catalog.||) '","seq":' OPERATOR(pg_catalog.||) (seq::text) OPERATOR(pg_catalog.||) ',"subject_pseudonym":' OPERATOR(pg_catalog.||) (CASE WHEN subject_pseudonym IS NULL THEN 'null' ELSE '"' || subject_pseudonym::text || '"' END) OPERATOR(pg_catalog.||) '}' INTO canonical
            FROM (SELECT (queued).*, head_seq AS seq, head_hash AS prev_hash,
                         NULL::bigint AS batch) AS event;
        INSERT INTO audit_datauseevent (seq, prev_hash, batch, hash, occurred_at, actor_pseudonym, actor_role, actor_department, subject_pseudonym, action, record_type, record_id, purpose, legal_basis, case_number, channel, request_id, details)
            VALUES (head_seq, head_hash, NULL,
                    pg_catalog.encode(pg_catalog.sha256(
                        pg_catalog.convert_to(canonical, 'UTF8')), 'hex'),
                    (queued).occurred_at, (queued).actor_pseudonym, (queued).actor_role, (queued).actor_department, (queued).subject_pseudonym, (queued).action, (queued).record_type, (queued).record_id, (queued).purpose, (queued).legal_basis, (queued).case_number, (queued).channel, (queued).request_id, (queued).details)
            RETURNING hash INTO head_hash;
    END LOOP;
    RETURN pg_catalog.array_length(taken, 1);
END
"""

FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_chain_pending() RETURNS bigint LANGUAGE plpgsql "
    "AS $chain$" + BODY + "$chain$;"
)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_pending_use_queue")]

    operations = [
        migrations.RunSQL(sql=FUNCTION, reverse_sql="DROP FUNCTION audit_chain_pending();"),
    ]
