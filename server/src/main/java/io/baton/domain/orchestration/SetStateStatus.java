package io.baton.domain.orchestration;

public enum SetStateStatus { ACCEPT, REJECT, WAIT, ABORT }
