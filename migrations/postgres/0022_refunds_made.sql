-- When the organizer recorded that they paid back what an order's buyer was owed
-- (`refund_due_cents`, set when the buyer or the organizer cancels a paid order); none while
-- it is still owed.
ALTER TABLE orders ADD COLUMN refunded_at BIGINT;
