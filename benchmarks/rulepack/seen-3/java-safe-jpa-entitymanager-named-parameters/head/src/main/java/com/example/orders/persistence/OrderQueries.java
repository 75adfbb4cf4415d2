package com.example.orders.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

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

    /** Orders of one customer, newest first; used by the "My orders" page and its filters. */
    public List<PurchaseOrder> forCustomer(String customerEmail, Collection<OrderStatus> statuses,
                                           Instant since, int page, int pageSize) {
        return em.createQuery("""
                        SELECT o FROM PurchaseOrder o
                         WHERE o.customer.email = :email
                           AND o.status IN :statuses
                           AND o.placedAt >= :since
                         ORDER BY o.placedAt DESC""", PurchaseOrder.class)
                .setParameter("email", customerEmail)
                .setParameter("statuses", statuses)
                .setParameter("since", since)
                .setFirstResult(page * pageSize)
                .setMaxResults(pageSize)
                .getResultList();
    }
}
