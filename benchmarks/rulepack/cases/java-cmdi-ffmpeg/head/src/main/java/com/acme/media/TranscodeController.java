package com.acme.media;

import java.io.IOException;
import org.springframework.web.bind.annotation.*;


@RestController
public class TranscodeController {

    @PostMapping("/transcode")
    public String transcode(@RequestBody TranscodeRequest request) throws IOException, InterruptedException {
        String target = "/tmp/out." + request.getFormat();
        String cmd = "ffmpeg -y -i " + request.getSourcePath() + " " + target;
        Process p = Runtime.getRuntime().exec(cmd);
        p.waitFor();
        return target;
    }
}
