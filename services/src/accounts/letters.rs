//! The messages sent about accounts, in plain text.

use crate::mail::Letter;

/// "Confirm your address" after sign-up (or when asked again).
pub fn verify_email(to: &str, name: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Confirm your email address for Convene".into(),
        body: format!(
            "Hello {name},\n\nplease confirm that this is your address by opening this link:\n\n\
             {link}\n\nThe link works once and for 24 hours. If you did not sign up for Convene, \
             ignore this message.\n"
        ),
    }
}

/// "Finish creating your account": the link that creates it.
pub fn finish_sign_up(to: &str, name: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Finish creating your Convene account".into(),
        body: format!(
            "Hello {name},\n\nto create your Convene account with this address, open this \
             link and press the button:\n\n{link}\n\nThe link works once and for 24 hours. \
             If you did not sign up for Convene, ignore this message: no account is created.\n"
        ),
    }
}

/// "You already have an account", when someone signs up with an address that has one.
pub fn already_signed_up(to: &str, name: &str, login: &str, reset: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "You already have a Convene account".into(),
        body: format!(
            "Hello {name},\n\nsomeone just tried to create a Convene account with this \
             address, which already has one.\n\nIf it was you, log in here:\n\n{login}\n\n\
             Forgot your password? Choose a new one here:\n\n{reset}\n\nIf it was not you, \
             ignore this message: nothing has changed.\n"
        ),
    }
}

/// "Choose a new password", asked for by the person or sent by an admin.
pub fn reset_password(to: &str, name: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Reset your Convene password".into(),
        body: format!(
            "Hello {name},\n\nyou can choose a new password here:\n\n{link}\n\n\
             The link works once and for 1 hour. If you did not ask for it, ignore this message: \
             your password stays as it is.\n"
        ),
    }
}

/// "Confirm your new address", sent to the new address.
pub fn change_email(to: &str, name: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Confirm your new email address for Convene".into(),
        body: format!(
            "Hello {name},\n\nto use this address for your Convene account from now on, open:\n\n\
             {link}\n\nThe link works once and for 24 hours. Until then your old address stays \
             in use.\n"
        ),
    }
}

/// "Your password was changed", after a change or a reset.
pub fn password_changed(to: &str, name: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Your Convene password was changed".into(),
        body: format!(
            "Hello {name},\n\nthe password of your Convene account was just changed, and every \
             other device was signed out.\n\nIf this was not you, reset your password at once \
             from the sign-in page and tell the platform's administrators.\n"
        ),
    }
}

/// "Your address was changed", sent to the old address.
pub fn email_changed(to: &str, name: &str, new_address: &str) -> Letter {
    let shown = domain::account::masked_email(new_address);
    Letter {
        to: to.to_owned(),
        subject: "Your Convene email address was changed".into(),
        body: format!(
            "Hello {name},\n\nyour Convene account now uses the address {shown} instead of \
             this one.\n\nIf you did not make this change, someone else may be using your \
             account: tell the platform's administrators at once.\n"
        ),
    }
}

/// An invitation to join an organization.
pub fn invitation(to: &str, inviter: &str, organization: &str, role: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: format!("{inviter} invited you to {organization} on Convene"),
        body: format!(
            "Hello,\n\n{inviter} invited you to join {organization} on Convene as {role}.\n\n\
             Accept the invitation here:\n\n{link}\n\nThe link works for 7 days.\n"
        ),
    }
}
