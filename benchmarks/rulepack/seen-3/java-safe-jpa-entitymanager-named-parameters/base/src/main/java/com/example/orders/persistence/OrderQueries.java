package com.example.orders.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.springframework.stereotype.Repository;

@Repository
public class OrderQueries {

    @PersistenceContext
    private EntityManager em;

    public PurchaseOrder find(long id) {
        return em.find(PurchaseOrder.class, id);
    }
}
