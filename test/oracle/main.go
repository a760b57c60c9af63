// Command oracle answers, for the differential test in oracle.test.ts, what Velero's own parsers
// say: robfig/cron's ParseStandard and Schedule.Next (Velero's schedule controller) and Go's
// time.ParseDuration (every duration field). It reads one JSON request per line on stdin and
// writes one JSON answer per line on stdout, in the same order.
//
// It is built at test time in GOPATH mode against Debian's golang-github-robfig-cron-dev
// (robfig/cron v3.0.1 under /usr/share/gocode), so it needs no network.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/robfig/cron"
)

type request struct {
	// "cron", "duration" or "zone".
	Kind string `json:"kind"`
	// The schedule, the duration text or the zone name.
	Text string `json:"text"`
	// cron: the Velero server's zone (time.Local); the start instants in Unix milliseconds; how
	// many successive Next results to give from each start.
	Local    string  `json:"local"`
	StartsMs []int64 `json:"startsMs"`
	Count    int     `json:"count"`
	// zone: the window whose offset changes to list, in Unix seconds.
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

type answer struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	// cron: per start, the successive fire times in Unix seconds (null for Go's zero time).
	Next [][]*int64 `json:"next,omitempty"`
	// duration: the nanoseconds, as a decimal string (int64 does not fit a JSON number).
	Nanoseconds string `json:"ns,omitempty"`
	// zone: the offset at From, and each [instant, offset] change up to To.
	Offset  *int       `json:"offset,omitempty"`
	Changes [][2]int64 `json:"changes,omitempty"`
}

// parse runs ParseStandard as Velero's parseCronSchedule does, turning a panic into an error.
func parse(spec string) (schedule cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return cron.ParseStandard(spec)
}

func answerCron(r request) answer {
	local := time.UTC
	if r.Local != "" {
		loc, err := time.LoadLocation(r.Local)
		if err != nil {
			return answer{Error: "server zone: " + err.Error()}
		}
		local = loc
	}
	// ParseStandard captures time.Local for schedules without a zone, and Next compares with it.
	time.Local = local
	schedule, err := parse(r.Text)
	if err != nil {
		return answer{Error: err.Error()}
	}
	out := answer{OK: true, Next: make([][]*int64, 0, len(r.StartsMs))}
	for _, start := range r.StartsMs {
		t := time.UnixMilli(start).In(local)
		times := make([]*int64, 0, r.Count)
		for i := 0; i < r.Count; i++ {
			t = schedule.Next(t)
			if t.IsZero() {
				times = append(times, nil)
				break
			}
			unix := t.Unix()
			times = append(times, &unix)
		}
		out.Next = append(out.Next, times)
	}
	return out
}

func answerDuration(r request) answer {
	d, err := time.ParseDuration(r.Text)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{OK: true, Nanoseconds: strconv.FormatInt(int64(d), 10)}
}

func answerZone(r request) answer {
	loc, err := time.LoadLocation(r.Text)
	if err != nil {
		return answer{Error: err.Error()}
	}
	t := time.Unix(r.From, 0).In(loc)
	_, offset := t.Zone()
	first := offset
	out := answer{OK: true, Offset: &first, Changes: [][2]int64{}}
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.After(t) || end.Unix() > r.To {
			return out
		}
		t = end.In(loc)
		_, next := t.Zone()
		if next != offset {
			out.Changes = append(out.Changes, [2]int64{t.Unix(), int64(next)})
			offset = next
		}
	}
}

// withTimeout gives up on a request after a while: robfig's Next loops for ever where a zone
// skips a whole day (Pacific/Apia, 2011-12-30), and the test should fail, not hang.
func withTimeout(r request, answerFor func(request) answer) answer {
	done := make(chan answer, 1)
	go func() { done <- answerFor(r) }()
	select {
	case a := <-done:
		return a
	case <-time.After(10 * time.Second):
		return answer{Error: "timeout: Next did not return within 10s"}
	}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	for in.Scan() {
		var r request
		var a answer
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			a = answer{Error: "bad request: " + err.Error()}
		} else {
			switch r.Kind {
			case "cron":
				a = withTimeout(r, answerCron)
			case "duration":
				a = answerDuration(r)
			case "zone":
				a = answerZone(r)
			default:
				a = answer{Error: "unknown kind " + r.Kind}
			}
		}
		if err := encoder.Encode(a); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
