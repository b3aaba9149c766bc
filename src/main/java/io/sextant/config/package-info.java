/**
 * The configuration: {@code config/deploy.yml} (ERB as Ruby renders it, YAML 1.1), the destination file, the
 * secrets files (read lazily) and the app version, validated with Kamal 2.12's rules and wording.
 *
 * <p>Entry point: {@link io.sextant.config.ConfigLoader#load(ConfigRequest)} returns a
 * {@link io.sextant.config.LoadedConfig}: the immutable {@link io.sextant.config.DeployConfig}, plus secrets and
 * version resolved on first use. Every configuration problem is a {@link io.sextant.config.ConfigurationException}
 * (exit 2) listing all problems, one line each, as {@code file:line: key/path: message}. This package depends on
 * nothing of Sextant's but {@link io.sextant.SextantException}, and loads no SSH classes.
 */
package io.sextant.config;
