package com.example.bank.web;

import java.security.Principal;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class SecondFactorController {

    static final String DEVICE_COOKIE = "__Host-device";
    private static final Duration REMEMBER_DEVICE = Duration.ofDays(90);

    private final OtpVerifier otp;
    private final DeviceRegistry devices;

    public SecondFactorController(OtpVerifier otp, DeviceRegistry devices) {
        this.otp = otp;
        this.devices = devices;
    }

    @PostMapping("/login/second-factor")
    public String verify(@RequestParam String code,
                         @RequestParam(name = "rememberDevice", defaultValue = "false") boolean rememberDevice,
                         Principal principal, HttpServletRequest request, HttpServletResponse response) {
        if (!otp.verify(principal.getName(), code)) {
            return "redirect:/login/second-factor?error";
        }
        request.getSession().setAttribute("mfa.passed", Boolean.TRUE);
        if (rememberDevice) {
            String deviceToken = devices.register(principal.getName(), request.getHeader("User-Agent"));
            Cookie cookie = new Cookie(DEVICE_COOKIE, deviceToken);
            cookie.setSecure(true);
            cookie.setHttpOnly(true);
            cookie.setPath("/");
            cookie.setMaxAge((int) REMEMBER_DEVICE.toSeconds());
            cookie.setAttribute("SameSite", "Strict");
            response.addCookie(cookie);
        }
        return "redirect:/accounts";
    }
}
