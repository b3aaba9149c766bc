/**
 * {@code secrets fetch}'s vault adapters, one per vendor CLI as in Kamal 2.12, behind {@link
 * io.sextant.secrets.SecretsAdapter}; their command lines come from {@link io.sextant.commands.VaultCommands} and run
 * through a {@link io.sextant.secrets.VendorCli}.
 */
package io.sextant.secrets;
