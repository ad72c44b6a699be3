"""Load a homeserver.yaml with Synapse's own config classes.

Prints, as JSON on stdout, the parsed values that the consumer tests
compare with the stack config. Synapse ignores unknown keys, so a misspelt
key shows up here as a missing value rather than as an error. Exits 1 with
Synapse's message when Synapse rejects the config.

Usage: python synapse_config.py HOMESERVER_YAML (with the Synapse venv)
"""

import json
import sys

from synapse.config._base import ConfigError
from synapse.config.homeserver import HomeServerConfig


def parsed_values(config: HomeServerConfig) -> dict:
    """Return the parsed settings that the stack config controls."""
    retention = config.retention
    registration = config.registration
    voip = config.voip
    return {
        "server_name": config.server.server_name,
        "retention": {
            "enabled": retention.retention_enabled,
            "allowed_lifetime_min_ms": retention.retention_allowed_lifetime_min,
            "allowed_lifetime_max_ms": retention.retention_allowed_lifetime_max,
            "default_max_lifetime_ms": retention.retention_default_max_lifetime,
        },
        "auto_join_rooms": registration.auto_join_rooms,
        "autocreate_auto_join_rooms": registration.autocreate_auto_join_rooms,
        "turn_uris": voip.turn_uris,
        "turn_shared_secret_set": bool(voip.turn_shared_secret),
        "turn_user_lifetime_ms": voip.turn_user_lifetime,
        "turn_allow_guests": voip.turn_allow_guests,
        "report_stats": config.metrics.report_stats,
    }


def main(path: str) -> int:
    try:
        config = HomeServerConfig.load_config(
            "axion-stack consumer test", ["--config-path", path]
        )
    except ConfigError as error:
        where = ".".join(str(part) for part in error.path or [])
        print(f"Synapse rejected the config at '{where}': {error.msg}",
              file=sys.stderr)
        return 1
    except (TypeError, ValueError) as error:
        # Synapse raises these, not ConfigError, for some malformed values
        # such as a duration with an unknown suffix.
        print(f"Synapse rejected the config: {error}", file=sys.stderr)
        return 1

    json.dump(parsed_values(config), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
