"""The Web API methods the emulator answers, by Slack method name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator.methods import chat, conversations, files, users, views
from emulator.state import EmulatorState

Method = Callable[[EmulatorState, dict[str, Any]], dict[str, Any]]

METHODS: dict[str, Method] = {
    "auth.test": users.auth_test,
    "apps.connections.open": users.connections_open,
    "chat.postMessage": chat.post_message,
    "chat.postEphemeral": chat.post_ephemeral,
    "chat.update": chat.update,
    "chat.delete": chat.delete,
    "chat.getPermalink": chat.get_permalink,
    "reactions.add": chat.add_reaction,
    "conversations.open": conversations.open_dm,
    "conversations.info": conversations.info,
    "conversations.members": conversations.members,
    "conversations.history": conversations.history,
    "users.info": users.info,
    "users.list": users.list_users,
    "usergroups.list": users.list_usergroups,
    "usergroups.users.list": users.usergroup_users,
    "views.open": views.open_view,
    "views.update": views.update_view,
    "views.push": views.push_view,
    "views.publish": views.publish_view,
    "files.getUploadURLExternal": files.get_upload_url,
    "files.completeUploadExternal": files.complete_upload,
}
