// Command gapOracle enumerates the fire times of cron schedules with the real robfig/cron v3
// (the parser and Next that Velero's scheduler uses) and prints the longest gap between two
// consecutive fire times in a window. Built and run by the alert tests.
//
// Each input line is "<mode>\t<start unix seconds>\t<end unix seconds>\t<schedule>"; each output
// line is the longest gap in seconds, "none" when fewer than two runs fall in the window, or
// "error <message>". Runs f0 = Next(start - 1s), f(i+1) = Next(f(i)) are taken while they are
// before the end; a zero time from Next ends the walk.
//
// Modes:
//   - "every": every run is enumerated with Next.
//   - "days": for zones without offset changes. On such a zone a schedule runs at the same times
//     of the day on every day it runs, so the runs of the first day are enumerated with Next, and
//     after that each day's first run is Next(previous day's last run) and its last run is that
//     day plus the last time of day. Two Next calls per day instead of one per run.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		fmt.Fprintln(out, answer(in.Text()))
	}
}

func answer(line string) string {
	parts := strings.SplitN(line, "\t", 4)
	if len(parts) != 4 {
		return "error expected 4 tab-separated fields"
	}
	start, err1 := strconv.ParseInt(parts[1], 10, 64)
	end, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return "error bad window"
	}
	schedule, err := cron.ParseStandard(parts[3])
	if err != nil {
		return "error " + err.Error()
	}
	from := time.Unix(start, 0).UTC()
	until := time.Unix(end, 0).UTC()
	var longest time.Duration
	var found bool
	switch parts[0] {
	case "every":
		longest, found = walkEvery(schedule, from, until)
	case "days":
		longest, found = walkDays(schedule, from, until)
	default:
		return "error unknown mode " + parts[0]
	}
	if !found {
		return "none"
	}
	return strconv.FormatInt(int64(longest/time.Second), 10)
}

func walkEvery(schedule cron.Schedule, from, until time.Time) (time.Duration, bool) {
	var longest time.Duration
	found := false
	fire := schedule.Next(from.Add(-time.Second))
	for !fire.IsZero() && fire.Before(until) {
		next := schedule.Next(fire)
		if next.IsZero() || !next.Before(until) {
			break
		}
		if gap := next.Sub(fire); gap > longest {
			longest = gap
		}
		found = true
		fire = next
	}
	return longest, found
}

func walkDays(schedule cron.Schedule, from, until time.Time) (time.Duration, bool) {
	fire := schedule.Next(from.Add(-time.Second))
	if fire.IsZero() || !fire.Before(until) {
		return 0, false
	}
	// Next answers in the location of its argument (UTC here); days are the schedule's own.
	loc := time.Local
	if spec, ok := schedule.(*cron.SpecSchedule); ok {
		loc = spec.Location
	}
	dayOf := func(t time.Time) time.Time {
		y, m, d := t.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	var longest time.Duration
	found := false
	// step moves to the next run; false at the end of the window.
	step := func() bool {
		next := schedule.Next(fire)
		if next.IsZero() || !next.Before(until) {
			return false
		}
		if gap := next.Sub(fire); gap > longest {
			longest = gap
		}
		found = true
		fire = next
		return true
	}
	// The first day may start before the window: enumerate it, then the whole second day, whose
	// runs give the times of day of every day.
	firstDay := dayOf(fire)
	for dayOf(fire).Equal(firstDay) {
		if !step() {
			return longest, found
		}
	}
	day := dayOf(fire)
	offsets := []time.Duration{fire.Sub(day)}
	for {
		if !step() {
			return longest, found
		}
		if !dayOf(fire).Equal(day) {
			break
		}
		offsets = append(offsets, fire.Sub(day))
	}
	lastOfDay := offsets[len(offsets)-1]
	for {
		// fire is the first run of a day.
		day = dayOf(fire)
		if fire.Sub(day) != offsets[0] {
			fmt.Fprintf(os.Stderr, "a day started at %v, not at %v: not a fixed zone\n", fire, offsets[0])
			os.Exit(2)
		}
		last := day.Add(lastOfDay)
		if !last.Before(until) {
			// The window ends within this day: enumerate what is left of it.
			for step() {
			}
			return longest, found
		}
		if len(offsets) > 1 {
			// Every gap within a day is one of the second day's, already counted.
			fire = last
		}
		if !step() {
			return longest, found
		}
	}
}
