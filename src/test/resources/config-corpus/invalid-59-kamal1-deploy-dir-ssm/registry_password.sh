printf '%s' ecr-login-token-59
