package com.acme.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Account {
    @Id
    private long id;
    private String displayName;
    private boolean admin;
    private long balanceCents;

    public void setId(long id) { this.id = id; }
    public long getId() { return id; }
}
