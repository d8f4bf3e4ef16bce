-- A note for door staff on an order ("wheelchair user", "speaker: badge at the desk"), shown
-- by the check-in app with the answer when the order's tickets are scanned. Empty: none.
ALTER TABLE orders ADD COLUMN door_note TEXT NOT NULL DEFAULT '';
