/**
 * kamal-proxy on the hosts, as Kamal 2.12 drives it: booting it (the {@code kamal} network, the version check, start
 * or run), rebooting, starting and stopping, its details and logs, its boot config files, and its removal. Command
 * lines come from {@code commands.ProxyCommands}; the flows that take the lock and fire hooks live in {@code deploy}.
 */
package io.sextant.proxy;
