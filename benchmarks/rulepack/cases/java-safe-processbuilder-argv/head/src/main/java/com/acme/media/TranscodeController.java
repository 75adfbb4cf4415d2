package com.acme.media;

import java.io.IOException;
import java.util.Set;
import org.springframework.web.bind.annotation.*;


@RestController
public class TranscodeController {
    private static final Set<String> FORMATS = Set.of("mp4", "webm");

    @PostMapping("/transcode")
    public String transcode(@RequestBody TranscodeRequest request) throws IOException, InterruptedException {
        if (!FORMATS.contains(request.getFormat())) {
            throw new IllegalArgumentException("format");
        }
        String target = "/tmp/out." + request.getFormat();
        Process p = new ProcessBuilder("ffmpeg", "-y", "-i", request.getSourcePath(), target).start();
        p.waitFor();
        return target;
    }
}
