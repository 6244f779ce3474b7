"""python -m etl users add|list|disable|enable|passwd: staff accounts for the editor.

Passwords are asked twice with getpass, or read from the first line of stdin with --password-stdin
(for scripts: `printf '%s\\n' "$PW" | python -m etl users add anna --password-stdin`). They never
appear in arguments, output or the audit log. Every change is written to the audit log.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from etl import accounts, db, pipeline
from etl.accounts import AccountError
from etl.config import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="staff accounts for the editor: add, list, disable, enable, passwd")
    actions = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="create an account (the password is asked for)")
    add.add_argument("name", help="user name: letters a-z, digits, . _ @ -")
    add.add_argument("--role", choices=accounts.ROLES, default="editor", help="default: editor")
    _password_stdin(add)
    actions.add_parser("list", help="all accounts with role and state")
    for action, text in (("disable", "refuse logins and end access at once"), ("enable", "allow again")):
        actions.add_parser(action, help=text).add_argument("name")
    passwd = actions.add_parser("passwd", help="set a new password")
    passwd.add_argument("name")
    _password_stdin(passwd)


def _password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from the first line of stdin"
    )


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name in some containers
        return "cli"


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("repeat the password: ") != first:
        raise AccountError("the two passwords differ; nothing was changed")
    return first


def _existing(engine, name: str) -> str:
    clean = accounts.normalise_name(name)
    if db.get_user(engine, clean) is None:
        raise AccountError(f"no user '{clean}'; see 'python -m etl users list'")
    return clean


def cmd_add(engine, args: argparse.Namespace) -> str:
    name = accounts.validate_name(args.name)
    role = accounts.validate_role(args.role)
    if db.get_user(engine, name) is not None:
        raise AccountError(f"a user '{name}' already exists; choose another name")
    password = _read_password(args)
    accounts.check_password(password, name)
    db.add_user(engine, name, accounts.hash_password(password), role)
    db.write_audit(engine, _actor(), "user_added", {"name": name, "role": role}, "cli")
    return f"added {role} '{name}'"


def cmd_list(engine, args: argparse.Namespace) -> str:
    rows = db.list_users(engine)
    if not rows:
        return "no users yet: add one with 'python -m etl users add NAME --role admin'"
    lines = [f"{'name':<24} {'role':<8} {'state':<9} created", "-" * 60]
    for row in rows:
        state = "disabled" if row["disabled"] else "active"
        lines.append(f"{row['name']:<24} {row['role']:<8} {state:<9} {row['created_at']:%Y-%m-%d %H:%M}")
    return "\n".join(lines)


def cmd_set_disabled(engine, args: argparse.Namespace) -> str:
    name = _existing(engine, args.name)
    disabled = args.users_command == "disable"
    db.set_disabled(engine, name, disabled)
    action = "user_disabled" if disabled else "user_enabled"
    db.write_audit(engine, _actor(), action, {"name": name}, "cli")
    return f"{'disabled' if disabled else 'enabled'} '{name}'"


def cmd_passwd(engine, args: argparse.Namespace) -> str:
    name = _existing(engine, args.name)
    password = _read_password(args)
    accounts.check_password(password, name)
    db.set_password(engine, name, accounts.hash_password(password))
    db.write_audit(engine, _actor(), "password_changed", {"name": name}, "cli")
    return f"new password set for '{name}'"


ACTIONS = {
    "add": cmd_add,
    "list": cmd_list,
    "disable": cmd_set_disabled,
    "enable": cmd_set_disabled,
    "passwd": cmd_passwd,
}


def run(settings: Settings, args: argparse.Namespace) -> int:
    """0 on success; 1 with a message on stderr when the change is refused."""
    pipeline.ensure_initialised(settings)
    engine = pipeline.engine_for(settings)
    try:
        print(ACTIONS[args.users_command](engine, args))
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nerror: no password given; nothing was changed", file=sys.stderr)
        return 1
    return 0
