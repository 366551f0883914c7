/**
 * What every feature needs and none owns: settings from the environment, the clock, the domain error that carries
 * a translatable message key, input checks, and the schema migration that runs before anything touches the database.
 */
package jp.kagi.platform;
