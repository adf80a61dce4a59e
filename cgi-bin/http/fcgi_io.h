#pragma once
// How a worker thread answers over libfcgi: the whole response in one writev, and the request's
// input read to its end so the connection can be closed at once. Shared by bookfair-web and the
// transport-ceiling responder of bench/ (the same transport doing no work).
#include <fcgiapp.h>

#include <string>

namespace bf::http {

// Hands `data` to nginx as FastCGI stdout records in one writev (libfcgi's own stream would write
// 8 KB at a time, a wake-up of nginx each). FCGX_Finish_r still sends the closing records.
// When nginx has gone away the write fails and there is nobody left to tell.
void send_stdout(const FCGX_Request& request, const std::string& data);

// Whether nginx has sent all of the request's input (reading what little a GET has left: its empty
// stdin record). libfcgi ends every connection with a "lingering close": it shuts down its side and
// waits for nginx to close first. With all the input read there is none to come: the request can be
// detached and simply closed, and the thread is free for the next request without waiting for nginx.
bool read_to_end(FCGX_Stream* in);

// Ends the request after its answer was sent: detached and closed at once when all input was read.
void finish(FCGX_Request& request);

}  // namespace bf::http
