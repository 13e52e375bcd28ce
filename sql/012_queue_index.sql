-- The group queue asks for open requests of a (role, unit) that nobody is assigned to, in
-- updated_at order: one index with all four, so each part of the query is one ordered range.
ALTER TABLE request
    ADD KEY request_group_queue (status, actor_role, actor_unit, assignee_id, updated_at);
