//! A 500-element template (generated; 125 sections of 4 elements inside a
//! `Page`) must compile without raising `recursion_limit`, and its output
//! must validate.

use uihook::uihook;

#[test]
fn five_hundred_elements() {
    let values: Vec<String> = (0..10).map(|i| format!("<v{i}>")).collect();
    let markup = uihook! {
        <Page>
            <Box padding="4px"><H2>Section 0</H2><P>Value: {values[0]} and "quoted 0"</P><BR /></Box>
            <Box padding="4px"><H2>Section 1</H2><P>Value: {values[1]} and "quoted 1"</P><BR /></Box>
            <Box padding="4px"><H2>Section 2</H2><P>Value: {values[2]} and "quoted 2"</P><BR /></Box>
            <Box padding="4px"><H2>Section 3</H2><P>Value: {values[3]} and "quoted 3"</P><BR /></Box>
            <Box padding="4px"><H2>Section 4</H2><P>Value: {values[4]} and "quoted 4"</P><BR /></Box>
            <Box padding="4px"><H2>Section 5</H2><P>Value: {values[5]} and "quoted 5"</P><BR /></Box>
            <Box padding="4px"><H2>Section 6</H2><P>Value: {values[6]} and "quoted 6"</P><BR /></Box>
            <Box padding="4px"><H2>Section 7</H2><P>Value: {values[7]} and "quoted 7"</P><BR /></Box>
            <Box padding="4px"><H2>Section 8</H2><P>Value: {values[8]} and "quoted 8"</P><BR /></Box>
            <Box padding="4px"><H2>Section 9</H2><P>Value: {values[9]} and "quoted 9"</P><BR /></Box>
            <Box padding="4px"><H2>Section 10</H2><P>Value: {values[0]} and "quoted 10"</P><BR /></Box>
            <Box padding="4px"><H2>Section 11</H2><P>Value: {values[1]} and "quoted 11"</P><BR /></Box>
            <Box padding="4px"><H2>Section 12</H2><P>Value: {values[2]} and "quoted 12"</P><BR /></Box>
            <Box padding="4px"><H2>Section 13</H2><P>Value: {values[3]} and "quoted 13"</P><BR /></Box>
            <Box padding="4px"><H2>Section 14</H2><P>Value: {values[4]} and "quoted 14"</P><BR /></Box>
            <Box padding="4px"><H2>Section 15</H2><P>Value: {values[5]} and "quoted 15"</P><BR /></Box>
            <Box padding="4px"><H2>Section 16</H2><P>Value: {values[6]} and "quoted 16"</P><BR /></Box>
            <Box padding="4px"><H2>Section 17</H2><P>Value: {values[7]} and "quoted 17"</P><BR /></Box>
            <Box padding="4px"><H2>Section 18</H2><P>Value: {values[8]} and "quoted 18"</P><BR /></Box>
            <Box padding="4px"><H2>Section 19</H2><P>Value: {values[9]} and "quoted 19"</P><BR /></Box>
            <Box padding="4px"><H2>Section 20</H2><P>Value: {values[0]} and "quoted 20"</P><BR /></Box>
            <Box padding="4px"><H2>Section 21</H2><P>Value: {values[1]} and "quoted 21"</P><BR /></Box>
            <Box padding="4px"><H2>Section 22</H2><P>Value: {values[2]} and "quoted 22"</P><BR /></Box>
            <Box padding="4px"><H2>Section 23</H2><P>Value: {values[3]} and "quoted 23"</P><BR /></Box>
            <Box padding="4px"><H2>Section 24</H2><P>Value: {values[4]} and "quoted 24"</P><BR /></Box>
            <Box padding="4px"><H2>Section 25</H2><P>Value: {values[5]} and "quoted 25"</P><BR /></Box>
            <Box padding="4px"><H2>Section 26</H2><P>Value: {values[6]} and "quoted 26"</P><BR /></Box>
            <Box padding="4px"><H2>Section 27</H2><P>Value: {values[7]} and "quoted 27"</P><BR /></Box>
            <Box padding="4px"><H2>Section 28</H2><P>Value: {values[8]} and "quoted 28"</P><BR /></Box>
            <Box padding="4px"><H2>Section 29</H2><P>Value: {values[9]} and "quoted 29"</P><BR /></Box>
            <Box padding="4px"><H2>Section 30</H2><P>Value: {values[0]} and "quoted 30"</P><BR /></Box>
            <Box padding="4px"><H2>Section 31</H2><P>Value: {values[1]} and "quoted 31"</P><BR /></Box>
            <Box padding="4px"><H2>Section 32</H2><P>Value: {values[2]} and "quoted 32"</P><BR /></Box>
            <Box padding="4px"><H2>Section 33</H2><P>Value: {values[3]} and "quoted 33"</P><BR /></Box>
            <Box padding="4px"><H2>Section 34</H2><P>Value: {values[4]} and "quoted 34"</P><BR /></Box>
            <Box padding="4px"><H2>Section 35</H2><P>Value: {values[5]} and "quoted 35"</P><BR /></Box>
            <Box padding="4px"><H2>Section 36</H2><P>Value: {values[6]} and "quoted 36"</P><BR /></Box>
            <Box padding="4px"><H2>Section 37</H2><P>Value: {values[7]} and "quoted 37"</P><BR /></Box>
            <Box padding="4px"><H2>Section 38</H2><P>Value: {values[8]} and "quoted 38"</P><BR /></Box>
            <Box padding="4px"><H2>Section 39</H2><P>Value: {values[9]} and "quoted 39"</P><BR /></Box>
            <Box padding="4px"><H2>Section 40</H2><P>Value: {values[0]} and "quoted 40"</P><BR /></Box>
            <Box padding="4px"><H2>Section 41</H2><P>Value: {values[1]} and "quoted 41"</P><BR /></Box>
            <Box padding="4px"><H2>Section 42</H2><P>Value: {values[2]} and "quoted 42"</P><BR /></Box>
            <Box padding="4px"><H2>Section 43</H2><P>Value: {values[3]} and "quoted 43"</P><BR /></Box>
            <Box padding="4px"><H2>Section 44</H2><P>Value: {values[4]} and "quoted 44"</P><BR /></Box>
            <Box padding="4px"><H2>Section 45</H2><P>Value: {values[5]} and "quoted 45"</P><BR /></Box>
            <Box padding="4px"><H2>Section 46</H2><P>Value: {values[6]} and "quoted 46"</P><BR /></Box>
            <Box padding="4px"><H2>Section 47</H2><P>Value: {values[7]} and "quoted 47"</P><BR /></Box>
            <Box padding="4px"><H2>Section 48</H2><P>Value: {values[8]} and "quoted 48"</P><BR /></Box>
            <Box padding="4px"><H2>Section 49</H2><P>Value: {values[9]} and "quoted 49"</P><BR /></Box>
            <Box padding="4px"><H2>Section 50</H2><P>Value: {values[0]} and "quoted 50"</P><BR /></Box>
            <Box padding="4px"><H2>Section 51</H2><P>Value: {values[1]} and "quoted 51"</P><BR /></Box>
            <Box padding="4px"><H2>Section 52</H2><P>Value: {values[2]} and "quoted 52"</P><BR /></Box>
            <Box padding="4px"><H2>Section 53</H2><P>Value: {values[3]} and "quoted 53"</P><BR /></Box>
            <Box padding="4px"><H2>Section 54</H2><P>Value: {values[4]} and "quoted 54"</P><BR /></Box>
            <Box padding="4px"><H2>Section 55</H2><P>Value: {values[5]} and "quoted 55"</P><BR /></Box>
            <Box padding="4px"><H2>Section 56</H2><P>Value: {values[6]} and "quoted 56"</P><BR /></Box>
            <Box padding="4px"><H2>Section 57</H2><P>Value: {values[7]} and "quoted 57"</P><BR /></Box>
            <Box padding="4px"><H2>Section 58</H2><P>Value: {values[8]} and "quoted 58"</P><BR /></Box>
            <Box padding="4px"><H2>Section 59</H2><P>Value: {values[9]} and "quoted 59"</P><BR /></Box>
            <Box padding="4px"><H2>Section 60</H2><P>Value: {values[0]} and "quoted 60"</P><BR /></Box>
            <Box padding="4px"><H2>Section 61</H2><P>Value: {values[1]} and "quoted 61"</P><BR /></Box>
            <Box padding="4px"><H2>Section 62</H2><P>Value: {values[2]} and "quoted 62"</P><BR /></Box>
            <Box padding="4px"><H2>Section 63</H2><P>Value: {values[3]} and "quoted 63"</P><BR /></Box>
            <Box padding="4px"><H2>Section 64</H2><P>Value: {values[4]} and "quoted 64"</P><BR /></Box>
            <Box padding="4px"><H2>Section 65</H2><P>Value: {values[5]} and "quoted 65"</P><BR /></Box>
            <Box padding="4px"><H2>Section 66</H2><P>Value: {values[6]} and "quoted 66"</P><BR /></Box>
            <Box padding="4px"><H2>Section 67</H2><P>Value: {values[7]} and "quoted 67"</P><BR /></Box>
            <Box padding="4px"><H2>Section 68</H2><P>Value: {values[8]} and "quoted 68"</P><BR /></Box>
            <Box padding="4px"><H2>Section 69</H2><P>Value: {values[9]} and "quoted 69"</P><BR /></Box>
            <Box padding="4px"><H2>Section 70</H2><P>Value: {values[0]} and "quoted 70"</P><BR /></Box>
            <Box padding="4px"><H2>Section 71</H2><P>Value: {values[1]} and "quoted 71"</P><BR /></Box>
            <Box padding="4px"><H2>Section 72</H2><P>Value: {values[2]} and "quoted 72"</P><BR /></Box>
            <Box padding="4px"><H2>Section 73</H2><P>Value: {values[3]} and "quoted 73"</P><BR /></Box>
            <Box padding="4px"><H2>Section 74</H2><P>Value: {values[4]} and "quoted 74"</P><BR /></Box>
            <Box padding="4px"><H2>Section 75</H2><P>Value: {values[5]} and "quoted 75"</P><BR /></Box>
            <Box padding="4px"><H2>Section 76</H2><P>Value: {values[6]} and "quoted 76"</P><BR /></Box>
            <Box padding="4px"><H2>Section 77</H2><P>Value: {values[7]} and "quoted 77"</P><BR /></Box>
            <Box padding="4px"><H2>Section 78</H2><P>Value: {values[8]} and "quoted 78"</P><BR /></Box>
            <Box padding="4px"><H2>Section 79</H2><P>Value: {values[9]} and "quoted 79"</P><BR /></Box>
            <Box padding="4px"><H2>Section 80</H2><P>Value: {values[0]} and "quoted 80"</P><BR /></Box>
            <Box padding="4px"><H2>Section 81</H2><P>Value: {values[1]} and "quoted 81"</P><BR /></Box>
            <Box padding="4px"><H2>Section 82</H2><P>Value: {values[2]} and "quoted 82"</P><BR /></Box>
            <Box padding="4px"><H2>Section 83</H2><P>Value: {values[3]} and "quoted 83"</P><BR /></Box>
            <Box padding="4px"><H2>Section 84</H2><P>Value: {values[4]} and "quoted 84"</P><BR /></Box>
            <Box padding="4px"><H2>Section 85</H2><P>Value: {values[5]} and "quoted 85"</P><BR /></Box>
            <Box padding="4px"><H2>Section 86</H2><P>Value: {values[6]} and "quoted 86"</P><BR /></Box>
            <Box padding="4px"><H2>Section 87</H2><P>Value: {values[7]} and "quoted 87"</P><BR /></Box>
            <Box padding="4px"><H2>Section 88</H2><P>Value: {values[8]} and "quoted 88"</P><BR /></Box>
            <Box padding="4px"><H2>Section 89</H2><P>Value: {values[9]} and "quoted 89"</P><BR /></Box>
            <Box padding="4px"><H2>Section 90</H2><P>Value: {values[0]} and "quoted 90"</P><BR /></Box>
            <Box padding="4px"><H2>Section 91</H2><P>Value: {values[1]} and "quoted 91"</P><BR /></Box>
            <Box padding="4px"><H2>Section 92</H2><P>Value: {values[2]} and "quoted 92"</P><BR /></Box>
            <Box padding="4px"><H2>Section 93</H2><P>Value: {values[3]} and "quoted 93"</P><BR /></Box>
            <Box padding="4px"><H2>Section 94</H2><P>Value: {values[4]} and "quoted 94"</P><BR /></Box>
            <Box padding="4px"><H2>Section 95</H2><P>Value: {values[5]} and "quoted 95"</P><BR /></Box>
            <Box padding="4px"><H2>Section 96</H2><P>Value: {values[6]} and "quoted 96"</P><BR /></Box>
            <Box padding="4px"><H2>Section 97</H2><P>Value: {values[7]} and "quoted 97"</P><BR /></Box>
            <Box padding="4px"><H2>Section 98</H2><P>Value: {values[8]} and "quoted 98"</P><BR /></Box>
            <Box padding="4px"><H2>Section 99</H2><P>Value: {values[9]} and "quoted 99"</P><BR /></Box>
            <Box padding="4px"><H2>Section 100</H2><P>Value: {values[0]} and "quoted 100"</P><BR /></Box>
            <Box padding="4px"><H2>Section 101</H2><P>Value: {values[1]} and "quoted 101"</P><BR /></Box>
            <Box padding="4px"><H2>Section 102</H2><P>Value: {values[2]} and "quoted 102"</P><BR /></Box>
            <Box padding="4px"><H2>Section 103</H2><P>Value: {values[3]} and "quoted 103"</P><BR /></Box>
            <Box padding="4px"><H2>Section 104</H2><P>Value: {values[4]} and "quoted 104"</P><BR /></Box>
            <Box padding="4px"><H2>Section 105</H2><P>Value: {values[5]} and "quoted 105"</P><BR /></Box>
            <Box padding="4px"><H2>Section 106</H2><P>Value: {values[6]} and "quoted 106"</P><BR /></Box>
            <Box padding="4px"><H2>Section 107</H2><P>Value: {values[7]} and "quoted 107"</P><BR /></Box>
            <Box padding="4px"><H2>Section 108</H2><P>Value: {values[8]} and "quoted 108"</P><BR /></Box>
            <Box padding="4px"><H2>Section 109</H2><P>Value: {values[9]} and "quoted 109"</P><BR /></Box>
            <Box padding="4px"><H2>Section 110</H2><P>Value: {values[0]} and "quoted 110"</P><BR /></Box>
            <Box padding="4px"><H2>Section 111</H2><P>Value: {values[1]} and "quoted 111"</P><BR /></Box>
            <Box padding="4px"><H2>Section 112</H2><P>Value: {values[2]} and "quoted 112"</P><BR /></Box>
            <Box padding="4px"><H2>Section 113</H2><P>Value: {values[3]} and "quoted 113"</P><BR /></Box>
            <Box padding="4px"><H2>Section 114</H2><P>Value: {values[4]} and "quoted 114"</P><BR /></Box>
            <Box padding="4px"><H2>Section 115</H2><P>Value: {values[5]} and "quoted 115"</P><BR /></Box>
            <Box padding="4px"><H2>Section 116</H2><P>Value: {values[6]} and "quoted 116"</P><BR /></Box>
            <Box padding="4px"><H2>Section 117</H2><P>Value: {values[7]} and "quoted 117"</P><BR /></Box>
            <Box padding="4px"><H2>Section 118</H2><P>Value: {values[8]} and "quoted 118"</P><BR /></Box>
            <Box padding="4px"><H2>Section 119</H2><P>Value: {values[9]} and "quoted 119"</P><BR /></Box>
            <Box padding="4px"><H2>Section 120</H2><P>Value: {values[0]} and "quoted 120"</P><BR /></Box>
            <Box padding="4px"><H2>Section 121</H2><P>Value: {values[1]} and "quoted 121"</P><BR /></Box>
            <Box padding="4px"><H2>Section 122</H2><P>Value: {values[2]} and "quoted 122"</P><BR /></Box>
            <Box padding="4px"><H2>Section 123</H2><P>Value: {values[3]} and "quoted 123"</P><BR /></Box>
            <Box padding="4px"><H2>Section 124</H2><P>Value: {values[4]} and "quoted 124"</P><BR /></Box>
        </Page>
    };
    let s = markup.into_string();
    assert_eq!(s.matches("<Box").count(), 125);
    assert!(uihook::check(&s, &uihook::Options::default()).is_empty());
}
