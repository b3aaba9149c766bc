printf '%s' ecr-login-token-7f3a
