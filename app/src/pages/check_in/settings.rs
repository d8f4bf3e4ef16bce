//! The device's own id and name, kept in the browser's local storage: the id makes each
//! scan's id unique across devices, the name tells door staff who let someone in.

use leptos::prelude::Set as _;

use super::door_app::Door;

const ID_KEY: &str = "convene-door-device-id";
const NAME_KEY: &str = "convene-door-device-name";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads the device's id (made on first use) and the name it was given, if any.
pub fn load(door: Door) {
    let Some(storage) = storage() else {
        door.device_id.set(random_id());
        return;
    };
    let id = match storage.get_item(ID_KEY).ok().flatten() {
        Some(id) => id,
        None => {
            let id = random_id();
            let _ = storage.set_item(ID_KEY, &id);
            id
        }
    };
    door.device_id.set(id);
    if let Some(name) = storage.get_item(NAME_KEY).ok().flatten() {
        door.device.set(name);
    }
}

/// Keeps the name given to this device.
pub fn save_name(name: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(NAME_KEY, name.trim());
    }
}

fn random_id() -> String {
    (0..4)
        .map(|_| format!("{:06x}", (js_sys::Math::random() * 16_777_216.0) as u32))
        .collect()
}
