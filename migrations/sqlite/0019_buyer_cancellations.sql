-- Buyers cancel their own orders from the order's page. A free or unpaid order may be
-- cancelled until the event starts; a paid one only as the event's refund setting allows:
-- up to `refund_days` days before the event starts (none: never by its buyer).
ALTER TABLE events ADD COLUMN refund_days INTEGER
    CHECK (refund_days IS NULL OR refund_days BETWEEN 0 AND 365);
-- What the organizer owes back after a buyer cancelled a paid order, in minor units.
ALTER TABLE orders ADD COLUMN refund_due_cents INTEGER NOT NULL DEFAULT 0
    CHECK (refund_due_cents >= 0);
