package com.shop.customers;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    private final CustomerRepository customers;
    private final AuditLog audit;

    public CustomerController(CustomerRepository customers, AuditLog audit) {
        this.customers = customers;
        this.audit = audit;
    }

    @PutMapping("/{id}")
    public ResponseEntity<Customer> update(@PathVariable Long id,
                                           @Valid @RequestBody Customer customer) {
        return customers.findById(id)
                .map(existing -> {
                    customer.setId(existing.getId());
                    Customer saved = customers.saveAndFlush(customer);
                    audit.record("customer.updated", id);
                    return ResponseEntity.ok(saved);
                })
                .orElse(ResponseEntity.notFound().build());
    }
}
