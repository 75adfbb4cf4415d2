package com.acme.hr;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EmployeeSearch {
    @PersistenceContext
    private EntityManager em;

    @GetMapping("/employees")
    public List<Employee> byDepartment(@RequestParam String department, @RequestParam(required = false) String title) {
        String jpql = "FROM Employee e WHERE e.department.code = '" + department + "'";
        if (title != null) {
            jpql += " AND e.title = :title";
        }
        var query = em.createQuery(jpql, Employee.class);
        if (title != null) {
            query.setParameter("title", title);
        }
        return query.getResultList();
    }
}
