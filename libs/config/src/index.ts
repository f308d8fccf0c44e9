// The deployment's environment, validated once at start by every process that reads it (the API, apps/grader).
export { ConfigError, Environment, LOG_LEVELS, validateEnvironment, type LogLevel } from './environment.js';
export { isTrustProxyValue, trustProxySetting } from './trust-proxy.js';
