"""One module per `briefs` subcommand; each exposes `register(subparsers)`."""
