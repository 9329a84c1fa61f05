-- An agent's inbox and Today read requests of a state within the clients they work:
-- one short index range per client instead of a walk over every request of that state.
create index requests_by_client_state on requests (client_id, state, id);
