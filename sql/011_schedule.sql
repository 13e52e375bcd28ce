-- Periodic work, and queues scoped to the unit an approver is named for.
--
-- schedule: one row per periodic task. A job runner claims a due row with SELECT ... FOR
-- UPDATE SKIP LOCKED, moves next_run_at to the start of the next interval and queues the
-- task's job (idempotency key "<task>:<start of the interval>") in the same transaction:
-- however many runners and hosts look, each interval's job is queued once, and the job
-- queue makes its run durable (a runner killed mid-run: the job runs again after the lease).
CREATE TABLE schedule (
    name        VARCHAR(40)  NOT NULL,
    next_run_at DATETIME(6)  NOT NULL,
    last_run_at DATETIME(6)  NULL,
    last_runner VARCHAR(64)  NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Due at once: the first runner to look queues the first check.
INSERT INTO schedule (name, next_run_at) VALUES ('sla-check', '2000-01-01 00:00:00');

-- The unit whose holders of actor_role act at the current step: the unit code a form
-- field names for an approver such as data-service's <approver role="data-owner"
-- field="system"/>, '' when any holder of the role acts. Kept by the engine next to
-- actor_role, so that a person's queue is one index range per (role, unit) they hold.
ALTER TABLE request
    ADD COLUMN actor_unit VARCHAR(40) NOT NULL DEFAULT '' AFTER actor_role,
    ADD KEY request_actor_unit_queue (status, actor_role, actor_unit, updated_at),
    DROP KEY request_actor_queue;

-- Requests open before this column. Of the catalogue of this migration, only data-service
-- names its approver by a form field (step owner_approval, field "system").
UPDATE request
   SET actor_unit = LEFT(COALESCE(JSON_VALUE(form, '$.system'), ''), 40)
 WHERE status = 'open' AND process_code = 'data-service' AND step_id = 'owner_approval';
