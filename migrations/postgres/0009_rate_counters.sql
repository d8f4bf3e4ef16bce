-- Attempts counted per purpose and per person or address, in fixed windows, so a limit holds
-- across instances and counts what was tried, not what still exists (a deleted post was
-- still written). One row per bucket and window; old windows are deleted as new ones open.
CREATE TABLE rate_counters (
    -- `{purpose}:{key}`: the key is an account id, an IP address or an address's digest.
    bucket       TEXT    NOT NULL,
    -- Unix seconds at which the window opened (a multiple of the window's length).
    window_start BIGINT  NOT NULL,
    hits         BIGINT  NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_counters_by_age ON rate_counters (window_start);
