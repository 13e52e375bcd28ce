-- The role that acts at a request's current step, kept on the request by the engine, so
-- that "waiting for my role" is one range of one index, read in order: the queue page
-- costs the same with 500 requests or 500,000.
ALTER TABLE request
    ADD COLUMN actor_role VARCHAR(20) NOT NULL DEFAULT '' AFTER step_id,
    ADD KEY request_actor_queue (status, actor_role, updated_at);

-- Requests open before this column: the role from the definitions' step_actor rows.
UPDATE request r
   SET r.actor_role = COALESCE((SELECT MIN(sa.actor) FROM step_actor sa
                                WHERE sa.process_code = r.process_code AND sa.step_id = r.step_id), '')
 WHERE r.status = 'open';
UPDATE request SET actor_role = 'requester' WHERE status = 'returned';
